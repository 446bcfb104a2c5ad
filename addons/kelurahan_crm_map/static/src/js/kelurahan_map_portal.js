/** @odoo-module **/
// Portal maps, for cheap phones on slow links: Leaflet (OCA web_leaflet_lib) is
// loaded only when the resident opens a map. The report form keeps working
// without it: the pin only fills the hidden latitude/longitude fields.

const LIB = "/web_leaflet_lib/static/lib";
let leafletPromise = null;

function addCss(href) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
}

function addScript(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
    });
}

function loadLeaflet() {
    if (!leafletPromise) {
        addCss(`${LIB}/leaflet/leaflet.css`);
        leafletPromise = window.L
            ? Promise.resolve()
            : addScript(`${LIB}/leaflet/leaflet.js`);
    }
    return leafletPromise;
}

function label(root, name) {
    const el = root.querySelector(`.o_kel_label_${name}`);
    return el ? el.textContent.trim() : "";
}

async function openMap(root) {
    const canvas = root.querySelector(".o_kel_map_canvas");
    if (root._kelMap) {
        return root._kelMap;
    }
    canvas.classList.remove("d-none");
    try {
        await loadLeaflet();
    } catch {
        canvas.textContent = label(root, "error");
        return null;
    }
    const L = window.L;
    const map = L.map(canvas, {maxZoom: 19}).setView(
        [parseFloat(root.dataset.lat), parseFloat(root.dataset.lon)],
        parseInt(root.dataset.zoom, 10) || 16
    );
    // An empty tile URL (tests, offline offices): markers only, no outside request.
    if (root.dataset.tileUrl) {
        L.tileLayer(root.dataset.tileUrl, {
            maxZoom: 19,
            attribution: root.dataset.attribution || "",
        }).addTo(map);
    }
    root._kelMap = map;
    for (const hint of root.querySelectorAll(".o_kel_map_hint")) {
        hint.classList.remove("d-none");
    }
    return map;
}

// ---------------------------------------------------------------------------
// Report form: pin, suggested RW/RT, nearby reports and support
// ---------------------------------------------------------------------------

function setSelect(form, name, value) {
    const select = form.querySelector(`select[name='${name}']`);
    if (select && value && select.querySelector(`option[value='${value}']`)) {
        select.value = String(value);
        select.dispatchEvent(new Event("change"));
    }
}

function renderNearby(root, form, data) {
    const box = root.querySelector(".o_kel_nearby");
    const none = root.querySelector(".o_kel_nearby_none");
    const list = root.querySelector(".o_kel_nearby_list");
    list.replaceChildren();
    const rows = data.nearby || [];
    box.classList.toggle("d-none", !rows.length);
    const categoryChosen = Boolean(form.querySelector("select[name='category_id']").value);
    none.classList.toggle("d-none", Boolean(rows.length) || !categoryChosen);
    for (const row of rows) {
        const item = document.createElement("li");
        item.className = "border rounded p-2 mt-2 o_kel_nearby_item";
        item.dataset.number = row.number;
        const title = document.createElement("div");
        const strong = document.createElement("strong");
        strong.textContent = row.number;
        title.append(strong, ` · ${row.category} · ${row.status}`);
        const meta = document.createElement("div");
        meta.className = "small text-muted";
        meta.textContent = `± ${row.meters} m · ${row.date} · ${row.support_count} ${label(root, "supports")}`;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-primary mt-1 o_kel_support";
        button.textContent = label(root, "support");
        button.addEventListener("click", () => support(root, form, row.number, item));
        item.append(title, meta, button);
        list.appendChild(item);
    }
}

async function lookup(root, form) {
    const lat = form.querySelector(".o_kel_lat").value;
    const lon = form.querySelector(".o_kel_lon").value;
    if (!lat || !lon) {
        return;
    }
    const problem = root.querySelector(".o_kel_map_problem");
    const params = new URLSearchParams({
        lat,
        lon,
        category_id: form.querySelector("select[name='category_id']").value || "",
    });
    let data = {};
    try {
        const response = await fetch(`${root.dataset.nearbyUrl}?${params}`);
        data = await response.json();
    } catch {
        return; // slow or broken link: the form still submits the pin
    }
    problem.textContent = data.error || "";
    problem.classList.toggle("d-none", !data.error);
    if (data.error) {
        renderNearby(root, form, {});
        return;
    }
    setSelect(form, "rw_id", data.rw_id);
    setSelect(form, "rt_id", data.rt_id);
    renderNearby(root, form, data);
}

async function support(root, form, number, item) {
    const body = new FormData();
    body.append("csrf_token", form.querySelector("input[name='csrf_token']").value);
    body.append("number", number);
    const button = item.querySelector(".o_kel_support");
    button.disabled = true;
    let data = {};
    try {
        const response = await fetch(root.dataset.supportUrl, {method: "POST", body});
        data = await response.json();
    } catch {
        button.disabled = false;
        return;
    }
    const note = document.createElement("div");
    note.className = `small mt-1 o_kel_support_result ${data.error ? "text-danger" : "text-success"}`;
    note.textContent = data.error || data.message;
    button.replaceWith(note);
}

function setupPicker(root) {
    const form = root.closest("form");
    if (!form) {
        return;
    }
    // The map's own "use my location" replaces the form's plain one.
    for (const el of form.querySelectorAll(".o_kel_geo, .o_kel_geo_status")) {
        el.classList.add("d-none");
    }
    let marker = null;
    const place = async (lat, lon) => {
        form.querySelector(".o_kel_lat").value = lat.toFixed(7);
        form.querySelector(".o_kel_lon").value = lon.toFixed(7);
        const map = await openMap(root);
        if (map) {
            const L = window.L;
            if (marker) {
                marker.setLatLng([lat, lon]);
            } else {
                marker = L.marker([lat, lon], {draggable: true}).addTo(map);
                marker.on("dragend", () => {
                    const point = marker.getLatLng();
                    place(point.lat, point.lng);
                });
            }
            map.setView([lat, lon], Math.max(map.getZoom(), 17));
        }
        await lookup(root, form);
    };
    const open = async () => {
        const map = await openMap(root);
        if (map && !map._kelClick) {
            map._kelClick = true;
            map.on("click", (ev) => place(ev.latlng.lat, ev.latlng.lng));
        }
    };
    root.querySelector(".o_kel_map_open").addEventListener("click", open);
    const locate = root.querySelector(".o_kel_map_locate");
    if (navigator.geolocation) {
        locate.addEventListener("click", async () => {
            await open();
            navigator.geolocation.getCurrentPosition(
                (position) => place(position.coords.latitude, position.coords.longitude),
                () => null,
                {enableHighAccuracy: true, timeout: 15000}
            );
        });
    } else {
        locate.classList.add("d-none");
    }
    form.querySelector("select[name='category_id']").addEventListener("change", () =>
        lookup(root, form)
    );
}

// ---------------------------------------------------------------------------
// Public board: cells of ~100 m, never a complaint's point
// ---------------------------------------------------------------------------

function setupPublicMap(root) {
    root.querySelector(".o_kel_map_open").addEventListener("click", async () => {
        const map = await openMap(root);
        if (!map || map._kelLoaded) {
            return;
        }
        map._kelLoaded = true;
        const response = await fetch(root.dataset.url);
        const data = await response.json();
        const L = window.L;
        const bounds = [];
        for (const cell of data.cells || []) {
            const circle = L.circleMarker([cell.lat, cell.lon], {
                radius: Math.min(6 + 2 * cell.count, 20),
                className: `o_kel_cell o_kel_state_${cell.state}`,
            }).addTo(map);
            circle.bindPopup(`${cell.count} × ${cell.category} (${cell.status})`.replace(/</g, ""));
            bounds.push([cell.lat, cell.lon]);
        }
        if (bounds.length) {
            map.fitBounds(bounds, {padding: [20, 20], maxZoom: 17});
        }
    });
}

function setup() {
    for (const root of document.querySelectorAll(".o_kel_map_picker")) {
        setupPicker(root);
    }
    for (const root of document.querySelectorAll(".o_kel_public_map")) {
        setupPublicMap(root);
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
} else {
    setup();
}
