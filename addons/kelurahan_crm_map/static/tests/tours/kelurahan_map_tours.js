/** @odoo-module **/
// Maps in Chromium, without any outside request (the tests empty the tile URL).
import {registry} from "@web/core/registry";

const SUPPORTED = "ADU/2026/MAP01";
const OVERDUE = "ADU/2026/MAP02";
const HOTSPOT = "ADU/2026/MAP03";

// A resident on a 360 px phone: chooses the category, takes their position
// (the phone's geolocation is stubbed), sees the same problem already reported
// nearby and supports it instead of reporting it again.
registry.category("web_tour.tours").add("kelurahan_map_nearby_support", {
    steps: () => [
        {
            content: "The map picker is on the form (the map itself not loaded yet)",
            trigger: ".o_kel_map_picker:has(.o_kel_map_canvas.d-none) .o_kel_map_open",
            run() {
                const params = new URLSearchParams(window.location.search);
                const lat = parseFloat(params.get("lat"));
                const lon = parseFloat(params.get("lon"));
                navigator.geolocation.getCurrentPosition = (ok) =>
                    ok({coords: {latitude: lat, longitude: lon, accuracy: 5}});
            },
        },
        {
            content: "Choose the category",
            trigger: "select[name='category_id']",
            run() {
                const params = new URLSearchParams(window.location.search);
                this.anchor.value = params.get("kategori");
                this.anchor.dispatchEvent(new Event("change"));
            },
        },
        {
            content: "Use my location",
            trigger: ".o_kel_map_locate",
            run: "click",
        },
        {
            content: "The map is shown with the pin",
            trigger: ".o_kel_map_canvas.leaflet-container .leaflet-marker-icon",
        },
        {
            content: "The same problem reported nearby is listed: support it",
            trigger: `.o_kel_nearby_item[data-number='${SUPPORTED}'] .o_kel_support`,
            run: "click",
        },
        {
            content: "The support is confirmed",
            trigger: `.o_kel_nearby_item[data-number='${SUPPORTED}'] .o_kel_support_result.text-success`,
        },
    ],
});

// An officer opens the overdue complaints ("Terlambat") on the map and clicks a
// marker into the complaint; then, on the dashboard, the period's hotspots are a
// heat layer on a map (by category), the list of cells under it, and the busiest
// cell opens its complaints.
registry.category("web_tour.tours").add("kelurahan_map_officer_overdue", {
    url: "/odoo/pengaduan-terlambat",
    steps: () => [
        {
            content: "The overdue filter is on",
            trigger: ".o_searchview_facet:contains(Terlambat)",
        },
        {
            content: "Switch to the map",
            trigger: ".o_switch_view.o_leaflet_map",
            run: "click",
        },
        {
            content: "Overdue markers are ringed; open the complaint's marker",
            trigger: `.o_kel_map_marker.o_kel_map_overdue[title='${OVERDUE}']`,
            run: "click",
        },
        {
            content: "Its popup links to the complaint",
            trigger: `.leaflet-popup .o_kel_map_open_record:contains(${OVERDUE})`,
            run: "click",
        },
        {
            content: "The complaint is open; go to the dashboard",
            trigger: `.o_form_view .o_field_widget[name='number']:contains(${OVERDUE})`,
            run() {
                window.location.assign("/odoo/dasbor-kelurahan");
            },
        },
        {
            content: "The hotspots are a heat layer on the dashboard's map",
            trigger: ".o_kel_hotspots .o_kel_hotspot_map.leaflet-container path.o_kel_heat_cell.o_kel_heat_top",
        },
        {
            content: "The busiest cells are also listed (accessible fallback)",
            trigger: ".o_kel_hotspots .o_kel_hotspot",
        },
        {
            content: "Show the layer of the busiest cell's first category",
            trigger: ".o_kel_hotspot_map .leaflet-control-layers-base label:nth-child(2) input",
            run: "click",
        },
        {
            content: "The category's layer is chosen",
            trigger: ".o_kel_hotspot_map .leaflet-control-layers-base label:nth-child(2) input:checked",
        },
        {
            content: "Open the busiest cell of the category's layer",
            trigger: ".o_kel_hotspot_map path.o_kel_heat_cell.o_kel_heat_top",
            run: "click",
        },
        {
            content: "The cell's complaints are listed",
            trigger: `.o_list_view .o_data_row:contains(${HOTSPOT})`,
        },
    ],
});
