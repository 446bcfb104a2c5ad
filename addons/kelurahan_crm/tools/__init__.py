from . import files, nik, qr, stats
