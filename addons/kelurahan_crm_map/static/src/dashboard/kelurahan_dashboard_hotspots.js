/** @odoo-module **/
// The dashboard asks for the hotspots of its period after its figures, and draws
// them on a map (heat layer) above the list of the busiest cells.
import {KelurahanDashboard} from "@kelurahan_crm/dashboard/kelurahan_dashboard";
import {KelurahanHotspotMap} from "./kelurahan_hotspot_map";
import {patch} from "@web/core/utils/patch";

KelurahanDashboard.components = {...KelurahanDashboard.components, KelurahanHotspotMap};

patch(KelurahanDashboard.prototype, {
    async load() {
        await super.load();
        this.state.hotspots = await this.orm.call(
            "kelurahan.dashboard",
            "get_dashboard_hotspots",
            [],
            {date_from: this.state.dateFrom, date_to: this.state.dateTo}
        );
    },

    openHotspot(spot) {
        this.openComplaints(spot.domain, spot.rw);
    },
});
