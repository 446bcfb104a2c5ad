/** @odoo-module **/
// The dashboard's heat layer: the period's busiest ~100 m cells drawn on a Leaflet
// map, shaded by their share of the busiest cell, one layer for all complaints and
// one per category (the layer control switches between them). A cell opens its
// complaints. The map is built only once the hotspots have arrived (a call made
// after the figures); Leaflet is fetched then if the page does not have it yet.
// Tiles come from the configured tile server; an empty URL draws the cells only.
import {Component, onWillStart, onWillUnmount, useEffect, useRef} from "@odoo/owl";
import {loadCSS, loadJS} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {escape} from "@web/core/utils/strings";

const LEAFLET = "/web_leaflet_lib/static/lib/leaflet/leaflet";
const HEAT_COLOR = "#dc3545";

export async function ensureLeaflet() {
    if (!window.L) {
        await Promise.all([loadCSS(`${LEAFLET}.css`), loadJS(`${LEAFLET}.js`)]);
    }
}

export class KelurahanHotspotMap extends Component {
    static template = "kelurahan_crm_map.HotspotMap";
    static props = {hotspots: Object, onOpen: Function};

    setup() {
        this.mapRef = useRef("map");
        this.layers = [];
        onWillStart(ensureLeaflet);
        useEffect(
            () => this.draw(),
            () => [this.props.hotspots]
        );
        onWillUnmount(() => this.leafletMap && this.leafletMap.remove());
    }

    draw() {
        const L = window.L;
        const {cells, grid, map: config} = this.props.hotspots;
        if (!this.leafletMap) {
            this.leafletMap = L.map(this.mapRef.el, {maxZoom: 19, scrollWheelZoom: false});
            if (config.tile_url) {
                L.tileLayer(config.tile_url, {
                    maxZoom: 19,
                    attribution: config.attribution,
                }).addTo(this.leafletMap);
            }
        }
        for (const layer of this.layers) {
            layer.remove();
        }
        if (this.control) {
            this.control.remove();
        }
        const bases = {[_t("All categories")]: this.heatLayer(cells, grid, null)};
        const names = new Map();
        for (const cell of cells) {
            for (const category of cell.categories) {
                if (!names.has(category.id)) {
                    names.set(category.id, category.name || _t("No category"));
                }
            }
        }
        for (const [id, name] of names) {
            // Leaflet's layer switch writes its labels as HTML.
            bases[escape(name)] = this.heatLayer(cells, grid, id);
        }
        this.layers = Object.values(bases);
        this.layers[0].addTo(this.leafletMap);
        this.control = L.control.layers(bases, null, {collapsed: false});
        this.control.addTo(this.leafletMap);
        if (cells.length) {
            const bounds = L.latLngBounds(cells.map((cell) => [cell.lat, cell.lon])).pad(0.2);
            if (this.leafletMap.getBoundsZoom(bounds) < 14) {
                // Cells scattered far apart (a stray pin): show the busiest one.
                this.leafletMap.setView([cells[0].lat, cells[0].lon], 16, {animate: false});
            } else {
                this.leafletMap.fitBounds(bounds, {maxZoom: 17, animate: false});
            }
        } else {
            this.leafletMap.setView([config.lat, config.lon], config.zoom, {animate: false});
        }
    }

    /** The cells of one category (``categoryId``) or of all (null), shaded by
     * their count against the layer's busiest cell (marked o_kel_heat_top). */
    heatLayer(cells, grid, categoryId) {
        const L = window.L;
        const counts = cells.map((cell) =>
            categoryId === null
                ? cell.count
                : cell.categories
                      .filter((category) => category.id === categoryId)
                      .reduce((sum, category) => sum + category.count, 0)
        );
        const peak = Math.max(...counts, 1);
        const top = counts.indexOf(peak);
        const half = grid / 2;
        const group = L.layerGroup();
        cells.forEach((cell, index) => {
            const count = counts[index];
            if (!count) {
                return;
            }
            const rectangle = L.rectangle(
                [
                    [cell.lat - half, cell.lon - half],
                    [cell.lat + half, cell.lon + half],
                ],
                {
                    className: index === top ? "o_kel_heat_cell o_kel_heat_top" : "o_kel_heat_cell",
                    color: HEAT_COLOR,
                    weight: 1,
                    fillColor: HEAT_COLOR,
                    fillOpacity: 0.15 + (0.6 * count) / peak,
                }
            );
            // Text nodes only: names are user data.
            const tip = document.createElement("div");
            const title = document.createElement("strong");
            title.textContent = `${cell.rw || "—"}: ${count}`;
            tip.append(title);
            for (const category of cell.categories) {
                const line = document.createElement("div");
                line.textContent = `${category.name}: ${category.count}`;
                tip.append(line);
            }
            rectangle.bindTooltip(tip, {sticky: true});
            rectangle.on("click", () => this.props.onOpen(cell));
            rectangle.addTo(group);
        });
        return group;
    }
}
