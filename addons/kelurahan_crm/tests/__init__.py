from . import (
    test_i18n,
    test_nik,
    test_portal_home_tour,
    test_roles,
    test_stats,
)
