/** @odoo-module **/
// After login (the web client without an action) each role lands in the Kelurahan
// app on its own screen: never in Discuss, never on an empty quick form.
import {registry} from "@web/core/registry";

const IN_KELURAHAN = [
    {
        content: "The Kelurahan app is open",
        trigger: ".o_main_navbar .o_menu_brand:contains('Kelurahan')",
    },
    {
        content: "Not Discuss, not the empty quick form",
        trigger: "body:not(:has(.o-mail-Discuss)):not(:has(.o_kel_quick_form))",
    },
];

registry.category("web_tour.tours").add("kelurahan_landing_rw", {
    steps: () => [
        ...IN_KELURAHAN,
        {
            content: "Their complaints list, no filter to undo",
            trigger: ".o_action_manager .o_list_view .o_list_button_add",
        },
        {
            content: "The search holds no preset filter",
            trigger: ".o_searchview:not(:has(.o_searchview_facet))",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_landing_officer", {
    steps: () => [
        ...IN_KELURAHAN,
        {
            content: "The complaints list opens on those to follow up",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "The follow-up filter is on",
            trigger: ".o_searchview .o_searchview_facet",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_landing_lurah", {
    steps: () => [
        ...IN_KELURAHAN,
        {
            content: "The dashboard shows the figures",
            trigger: ".o_kel_dashboard .o_kel_kpi_total",
        },
    ],
});
