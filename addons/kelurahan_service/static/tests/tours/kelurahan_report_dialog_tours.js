/** @odoo-module **/
// A report screen opens from the menu as a dialog with its own buttons: no "New"
// record, no save or discard icons.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("kelurahan_queue_analysis_dialog", {
    steps: () => [
        {
            content: "Open the queue menu of the Kelurahan app",
            trigger:
                ".o_menu_sections [data-menu-xmlid='kelurahan_service.kelurahan_queue_root_menu']",
            run: "click",
        },
        {
            content: "Open the waiting-time analysis",
            trigger:
                ".dropdown-item[data-menu-xmlid='kelurahan_service.kelurahan_queue_analysis_menu']",
            run: "click",
        },
        {
            content: "It opens as a dialog showing its results",
            trigger: ".modal .o_form_view .o_field_widget[name='summary_html']",
        },
        {
            content: "No save or discard icons",
            trigger:
                ".modal:not(:has(.o_form_button_save)):not(:has(.o_form_button_cancel))",
        },
        {
            content: "Change what is measured: the results follow",
            trigger: ".modal .o_field_widget[name='measure'] select",
            run: "selectByLabel Service time",
        },
        {
            content: "Close with the primary button",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The dialog is closed, the page behind is unchanged",
            trigger: "body:not(:has(.modal)) .o_action_manager .o_list_view",
        },
    ],
});
