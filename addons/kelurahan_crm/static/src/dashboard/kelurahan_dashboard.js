/** @odoo-module **/
// Kelurahan dashboard (menu "Dasbor"): one RPC to kelurahan.dashboard.get_dashboard_data,
// every figure opens the matching complaints.
import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {Layout} from "@web/search/layout";
import {formatDateTime, parseDateTime, serializeDate} from "@web/core/l10n/dates";

const {DateTime} = luxon;

export class KelurahanDashboard extends Component {
    static template = "kelurahan_crm.Dashboard";
    static components = {Layout};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const today = DateTime.local();
        this.state = useState({
            dateFrom: serializeDate(today.minus({days: 29})),
            dateTo: serializeDate(today),
            preset: "30d",
            data: null,
            loading: true,
        });
        this.presets = [
            {key: "7d", label: _t("7 days")},
            {key: "30d", label: _t("30 days")},
            {key: "month", label: _t("This month")},
            {key: "6m", label: _t("6 months")},
            {key: "year", label: _t("This year")},
        ];
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        this.state.data = await this.orm.call(
            "kelurahan.dashboard",
            "get_dashboard_data",
            [],
            {date_from: this.state.dateFrom, date_to: this.state.dateTo}
        );
        this.state.loading = false;
    }

    async setPreset(key) {
        const today = DateTime.local();
        const from = {
            "7d": today.minus({days: 6}),
            "30d": today.minus({days: 29}),
            month: today.startOf("month"),
            "6m": today.minus({months: 6}).plus({days: 1}),
            year: today.startOf("year"),
        }[key];
        this.state.preset = key;
        this.state.dateFrom = serializeDate(from);
        this.state.dateTo = serializeDate(today);
        await this.load();
    }

    async onDateChange(ev, which) {
        if (!ev.target.value) {
            return;
        }
        this.state[which] = ev.target.value;
        this.state.preset = "custom";
        await this.load();
    }

    formatDateTime(value) {
        // the user's language (id_ID: dd/mm/yyyy HH:MM), no seconds in lists
        return value
            ? formatDateTime(parseDateTime(value, {isUTC: true}).toLocal(), {
                  showSeconds: false,
              })
            : "";
    }

    openComplaints(domain, name) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: name || _t("Complaints"),
            res_model: "helpdesk.ticket",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain,
        });
    }

    openComplaint(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "helpdesk.ticket",
            res_id: id,
            views: [[false, "form"]],
        });
    }

    openLateDispositions() {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Overdue dispositions"),
            res_model: "helpdesk.ticket",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain: [
                ["disposition_ids.date_done", "=", false],
                ["disposition_ids.date_due", "<", this.state.data.now],
            ],
        });
    }

    barWidth(row, rows) {
        const max = Math.max(...rows.map((r) => r.count), 1);
        return `width: ${Math.round((100 * row.count) / max)}%`;
    }
}

registry.category("actions").add("kelurahan_crm.dashboard", KelurahanDashboard);
