from . import files, nik, stats
