from . import helpdesk_ticket
from . import kelurahan_whatsapp_account
from . import kelurahan_whatsapp_conversation
from . import kelurahan_whatsapp_event
from . import kelurahan_whatsapp_message
from . import kelurahan_disposition
from . import kelurahan_whatsapp_consent
from . import kelurahan_privacy_notice
