/** @odoo-module **/
// The Lurah opens the IKM results from the menu: a dialog with its report buttons,
// no "New" record and no save icons; the before/after statistics follow as a dialog.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kelurahan_survey_report_dialogs", {
    steps: () => [
        {
            content: "The Lurah starts on the dashboard",
            trigger: ".o_kel_dashboard",
        },
        {
            content: "Open the satisfaction menu",
            trigger:
                ".o_menu_sections [data-menu-xmlid='kelurahan_survey.kelurahan_survey_menu']",
            run: "click",
        },
        {
            content: "Open the IKM results",
            trigger:
                ".dropdown-item[data-menu-xmlid='kelurahan_survey.kelurahan_survey_ikm_menu']",
            run: "click",
        },
        {
            content: "A dialog with the results",
            trigger: ".modal .o_form_view .o_field_widget[name='result_html']",
        },
        {
            content: "The PDF report is the primary button; no save or discard icons",
            trigger:
                ".modal:not(:has(.o_form_button_save)):not(:has(.o_form_button_cancel)) " +
                ".modal-footer button.btn-primary[name='action_print_pdf']",
        },
        {
            content: "Go on to the before/after statistics",
            trigger: ".modal .modal-footer button[name='action_compare']",
            run: "click",
        },
        {
            content: "They open as a dialog too",
            trigger: ".modal .o_form_view .o_field_widget[name='mode']",
        },
        {
            content: "Close with the primary button",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Back on the dashboard, no dialog left",
            trigger: "body:not(:has(.modal)) .o_kel_dashboard",
        },
    ],
});
