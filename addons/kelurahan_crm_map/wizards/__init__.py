from . import kelurahan_boundary_import
