from . import nik, stats
