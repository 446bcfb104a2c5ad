from . import image_upload
from . import nik
from . import stats
