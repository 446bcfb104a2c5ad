from . import map
