/** @odoo-module **/
// The dashboard asks for the hotspots of its period after its figures.
import {KelurahanDashboard} from "@kelurahan_crm/dashboard/kelurahan_dashboard";
import {patch} from "@web/core/utils/patch";

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
});
