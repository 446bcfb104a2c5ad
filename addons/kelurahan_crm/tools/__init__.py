from . import image_upload
from . import nik
from . import request_guard
from . import stats
from . import summary_triggers
