from . import (
    test_i18n,
    test_letter,
    test_nik,
    test_portal,
    test_queue,
    test_queue_analysis,
    test_roles,
    test_service_request,
    test_stats,
    test_tours,
)
