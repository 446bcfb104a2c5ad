from . import (
    res_lang,
    res_company,
    res_users,
    kelurahan_rw,
    kelurahan_rt,
    kelurahan_agency,
    kelurahan_disposition,
    helpdesk_ticket_stage,
    helpdesk_ticket_category,
    helpdesk_ticket_channel,
    helpdesk_ticket,
)
from . import kelurahan_whatsapp_account
from . import kelurahan_whatsapp_conversation
from . import kelurahan_whatsapp_event
from . import kelurahan_whatsapp_message
from . import helpdesk_ticket_whatsapp
