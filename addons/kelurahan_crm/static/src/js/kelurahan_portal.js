/** @odoo-module **/
// Resident portal, kept tiny for cheap phones: copy buttons, "use my position",
// the RT list narrowed to the chosen RW, sorting on change. Forms work without it.

function setupCopy(root) {
    for (const button of root.querySelectorAll(".o_kel_copy")) {
        button.addEventListener("click", async () => {
            const text = button.dataset.copy || "";
            try {
                await navigator.clipboard.writeText(text);
            } catch {
                const area = document.createElement("textarea");
                area.value = text;
                document.body.appendChild(area);
                area.select();
                document.execCommand("copy");
                area.remove();
            }
            button.classList.add("active");
        });
    }
}

function setupGeolocation(form) {
    const button = form.querySelector(".o_kel_geo");
    if (!button) {
        return;
    }
    if (!navigator.geolocation) {
        button.classList.add("d-none");
        return;
    }
    const status = form.querySelector(".o_kel_geo_status");
    button.addEventListener("click", () => {
        status.textContent = "…";
        navigator.geolocation.getCurrentPosition(
            (position) => {
                form.querySelector(".o_kel_lat").value = position.coords.latitude.toFixed(7);
                form.querySelector(".o_kel_lon").value = position.coords.longitude.toFixed(7);
                status.textContent = "✓";
            },
            () => {
                status.textContent = "✗";
            },
            {enableHighAccuracy: true, timeout: 15000}
        );
    });
}

function setupRtFilter(form) {
    const rw = form.querySelector("select[name='rw_id']");
    const rt = form.querySelector("select[name='rt_id']");
    if (!rw || !rt) {
        return;
    }
    const filter = () => {
        for (const option of rt.querySelectorAll("option[data-rw]")) {
            const hidden = Boolean(rw.value) && option.dataset.rw !== rw.value;
            option.hidden = hidden;
            option.disabled = hidden;
            if (hidden && option.selected) {
                rt.value = "";
            }
        }
    };
    rw.addEventListener("change", filter);
    filter();
}

function setupSortSubmit(root) {
    // Without JavaScript the search button applies the chosen order.
    for (const select of root.querySelectorAll(".o_kel_sortby")) {
        select.addEventListener("change", () => select.form.submit());
    }
}

function setup() {
    setupCopy(document);
    setupSortSubmit(document);
    for (const form of document.querySelectorAll(".o_kel_report_form")) {
        setupGeolocation(form);
        setupRtFilter(form);
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
} else {
    setup();
}
