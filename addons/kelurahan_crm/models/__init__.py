from . import res_lang
from . import kelurahan_dashboard
from . import helpdesk_ticket_quick_report
from . import kelurahan_demo_generator
