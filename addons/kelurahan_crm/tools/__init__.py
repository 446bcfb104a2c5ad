from . import files
from . import image_upload
from . import nik
from . import qr
from . import stats
