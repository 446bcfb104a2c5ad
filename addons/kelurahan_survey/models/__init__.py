from . import helpdesk_ticket
from . import kelurahan_report_engine
from . import kelurahan_survey_indicator
from . import survey_question
from . import survey_question_answer
from . import survey_survey
from . import survey_user_input
from . import survey_user_input_consent
