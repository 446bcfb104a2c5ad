from . import (
    test_complaint_ui,
    test_dashboard,
    test_demo_data,
    test_i18n,
    test_nik,
    test_portal_home_tour,
    test_roles,
    test_stats,
)
