from . import (
    test_i18n,
    test_nik,
    test_report_export,
    test_report_subscription,
    test_portal_home_tour,
    test_roles,
    test_stats,
    test_xlsx_stream,
)
