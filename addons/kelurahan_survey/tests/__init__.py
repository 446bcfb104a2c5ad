from . import (
    test_demo,
    test_home,
    test_i18n,
    test_ikm,
    test_invitation,
    test_kiosk,
    test_report_dialogs,
    test_roles,
    test_security_reports,
    test_statistics,
)
from . import test_krejcie_morgan
from . import test_reliability
from . import test_evaluation
from . import test_evaluation_demo
from . import test_pdp_survey
from . import test_ikm_scale
