from . import ikm
from . import demo
