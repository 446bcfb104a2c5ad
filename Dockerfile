# Production image: the official Odoo 18.0 image plus our pinned Python dependencies
# and OCA addons (from PyPI), with our addons copied in.
FROM odoo:18.0

USER root
COPY requirements/constraints.txt requirements/project.txt /tmp/requirements/
# The image runs Python 3.12 with Ubuntu 24.04's packages for Odoo's dependencies, which
# Odoo's 3.12 pins follow; `make test PY_VERSION=3.12` runs our tests on those pins.
# The image's Odoo is a Debian package, so pip must not try to install the `odoo`
# distribution the OCA wheels declare: --no-deps for the wheels, their own deps explicit.
RUN pip3 install --no-cache-dir --break-system-packages --no-deps \
        -c /tmp/requirements/constraints.txt -r /tmp/requirements/project.txt \
    && pip3 install --no-cache-dir --break-system-packages polib
COPY --chown=odoo:odoo addons /mnt/extra-addons
USER odoo
