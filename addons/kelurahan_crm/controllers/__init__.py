from . import home
from . import main
from . import portal
