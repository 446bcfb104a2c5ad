/** @odoo-module **/
// Map of complaints (js_class "kelurahan_complaint_map" on OCA's leaflet_map view):
// markers coloured by status (a red ring when overdue), clustered, reloaded when the
// search changes, from one server call (helpdesk.ticket.kel_map_features) that
// applies the record rules and answers the markers as one JSON text built by
// PostgreSQL (compact rows, coordinates rounded to 5 decimals). Clicking a marker's popup opens the complaint.
import {MapController} from "@web_view_leaflet_map/views/leaflet_map/leaflet_map_controller.esm";
import {MapRenderer} from "@web_view_leaflet_map/views/leaflet_map/leaflet_map_renderer.esm";
import {leafletMapView} from "@web_view_leaflet_map/views/leaflet_map/leaflet_map_view.esm";
import {onWillUpdateProps} from "@odoo/owl";
import {registry} from "@web/core/registry";

/* global L */

export class KelurahanComplaintMapRenderer extends MapRenderer {
    setup() {
        super.setup();
        onWillUpdateProps((nextProps) => this.loadRecords(nextProps));
    }

    async loadRecords(props = this.props) {
        const data = await this.orm.call("helpdesk.ticket", "kel_map_features", [
            props.domain || [],
        ]);
        this.categories = data.categories;
        this.states = data.states;
        this.records = JSON.parse(data.points).map(
            ([id, lat, lng, state, overdue, number, categoryId]) => ({
                id,
                lat,
                lng,
                state: state || "",
                overdue,
                number: number || "",
                category: data.categories[categoryId] || "",
            })
        );
    }

    initMap() {
        // maxZoom on the map itself: markercluster needs it even without tiles.
        this.leafletMap = L.map(this.mapRef.el, {
            zoomSnap: this.zoomSnap,
            maxZoom: this.maxZoom,
        }).setView(
            this.defaultLatLng,
            this.defaultZoom
        );
        // An empty tile URL (tests, offline offices): markers only.
        if (this.leafletTileUrl && this.leafletTileUrl !== "False") {
            L.tileLayer(this.leafletTileUrl, {
                maxZoom: this.maxZoom,
                attribution: this.leafletCopyright,
            }).addTo(this.leafletMap);
        }
    }

    prepareMarker(record) {
        const classes = [
            "o_kel_map_marker",
            `o_kel_map_state_${record.state}`,
            record.overdue ? "o_kel_map_overdue" : "",
        ].join(" ");
        const marker = L.marker([record.lat, record.lng], {
            title: record.number,
            alt: record.number,
            riseOnHover: true,
            icon: L.divIcon({className: classes, iconSize: [18, 18]}),
        });
        const popup = document.createElement("div");
        popup.className = "o_kel_map_popup";
        const link = document.createElement("a");
        link.href = "#";
        link.className = "o_kel_map_open_record fw-bold";
        link.textContent = record.number;
        link.addEventListener("click", (ev) => {
            ev.preventDefault();
            this.onClickLeafletPopup(record);
        });
        const detail = document.createElement("div");
        detail.textContent = `${record.category} · ${this.states[record.state] || ""}`;
        popup.append(link, detail);
        marker.bindPopup(popup);
        return marker;
    }
}

export class KelurahanComplaintMapController extends MapController {
    static components = {...MapController.components, MapRenderer: KelurahanComplaintMapRenderer};
}

registry.category("views").add("kelurahan_complaint_map", {
    ...leafletMapView,
    Controller: KelurahanComplaintMapController,
    Renderer: KelurahanComplaintMapRenderer,
});
