from . import test_i18n, test_nik, test_roles, test_stats
