from . import files
from . import qr
