from . import kelurahan_survey_ikm_wizard
from . import kelurahan_survey_compare_wizard
from . import kelurahan_survey_evaluation_wizard
