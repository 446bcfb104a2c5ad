from . import (
    test_i18n,
    test_image_upload,
    test_nik,
    test_portal_home_tour,
    test_portal_my,
    test_portal_report,
    test_portal_tours,
    test_portal_tracking,
    test_roles,
    test_stats,
)
