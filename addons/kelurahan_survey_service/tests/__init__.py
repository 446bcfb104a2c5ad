from . import test_i18n
from . import test_service_invitation
from . import test_home_tour
from . import test_public_language
from . import test_service_evaluation
