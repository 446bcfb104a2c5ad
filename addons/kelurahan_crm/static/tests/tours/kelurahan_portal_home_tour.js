/** @odoo-module **/
// A resident opens the portal home on a phone: the page is served in Bahasa Indonesia
// and the security settings card is reachable.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kelurahan_portal_home", {
    url: "/my",
    steps: () => [
        {
            content: "The portal home is shown",
            trigger: ".o_portal_my_home",
        },
        {
            content: "In Bahasa Indonesia: open 'Koneksi & Keamanan'",
            trigger: ".o_portal_my_home a[href='/my/security']:contains('Koneksi')",
            run: "click",
        },
        {
            content: "The security page is shown",
            trigger: "input[name='old']",
        },
    ],
});
