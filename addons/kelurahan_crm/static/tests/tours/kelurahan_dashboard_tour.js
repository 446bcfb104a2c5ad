/** @odoo-module **/
// The dashboard loads and a figure opens the matching complaints.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kelurahan_dashboard", {
    url: "/odoo/dasbor-kelurahan",
    steps: () => [
        {
            content: "The dashboard shows the figures",
            trigger: ".o_kel_dashboard .o_kel_kpi_total",
        },
        {
            content: "Choose the last 6 months",
            trigger: ".o_kel_period button:contains('6 months')",
            run: "click",
        },
        {
            content: "The breakdown by category is shown",
            trigger: ".o_kel_by_category .o_kel_row",
        },
        {
            content: "Open the overdue complaints",
            trigger: ".o_kel_kpi_overdue",
            run: "click",
        },
        {
            content: "The complaint list opens",
            trigger: ".o_list_view",
        },
    ],
});
