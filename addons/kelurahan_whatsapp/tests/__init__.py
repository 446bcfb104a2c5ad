from . import test_i18n
from . import test_whatsapp_conversation
from . import test_whatsapp_outbound
from . import test_whatsapp_retention
from . import test_whatsapp_security
from . import test_whatsapp_webhook
from . import test_whatsapp_otp
from . import test_whatsapp_consent
