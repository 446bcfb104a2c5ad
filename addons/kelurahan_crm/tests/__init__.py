from . import (
    test_i18n,
    test_nik,
    test_portal_home_tour,
    test_roles,
    test_stats,
    test_whatsapp_conversation,
    test_whatsapp_outbound,
    test_whatsapp_security,
    test_whatsapp_webhook,
)
