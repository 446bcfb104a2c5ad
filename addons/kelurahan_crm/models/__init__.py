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
