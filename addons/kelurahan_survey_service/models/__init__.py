from . import kelurahan_queue_ticket
from . import kelurahan_service_request
from . import survey_survey
from . import survey_user_input
