/** @odoo-module **/
// Resident portal on a phone: report with a photo, report without an account and
// follow the private link, public tracking, rate or dispute a Selesai complaint
// (signed in, or from the private link after a one-time code).
import {registry} from "@web/core/registry";

// A 2x2 red PNG, attached to the file input as the phone's camera would.
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==";

function attachPhoto(input) {
    const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "foto-jalan.png", {type: "image/png"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

function fillReport({publicForm}) {
    const steps = [
        {
            content: "Choose the category",
            trigger: "select[name='category_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name='description']",
            run: "edit Jalan berlubang di depan masjid, bahaya untuk motor.",
        },
        {
            content: "Choose the RW",
            trigger: "select[name='rw_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Add a photo",
            trigger: "input[name='photos']",
            run() {
                attachPhoto(this.anchor);
            },
        },
    ];
    if (publicForm) {
        steps.push(
            {
                content: "Name",
                trigger: "input[name='reporter_name']",
                run: "edit Budi Tour",
            },
            {
                content: "Phone",
                trigger: "input[name='reporter_phone']",
                run: "edit 0812 7777 2468",
            }
        );
    }
    steps.push({
        content: "Agree to the privacy notice",
        trigger: "input[name='kel_consent']",
        run: "check",
    });
    steps.push({
        content: "Send the report (the button fits a 360 px screen)",
        trigger: "button.o_kel_submit",
        run: "click",
    });
    return steps;
}

registry.category("web_tour.tours").add("kelurahan_report_photo", {
    url: "/my/pengaduan/baru",
    steps: () => [
        ...fillReport({publicForm: false}),
        {
            content: "The number is shown big and copyable",
            trigger: ".o_kel_created .o_kel_big_number:contains('ADU/')",
        },
        {
            content: "The photo is on the complaint",
            trigger: ".o_kel_photos img",
        },
        {
            content: "Copy the number",
            trigger: ".o_kel_created .o_kel_copy",
            run: "click",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_report_public", {
    url: "/pengaduan/lapor",
    steps: () => [
        {
            content: "The page is in Bahasa Indonesia",
            trigger: "h1:contains('Laporkan masalah')",
        },
        ...fillReport({publicForm: true}),
        {
            content: "The number is shown",
            trigger: ".o_kel_created .o_kel_big_number:contains('ADU/')",
        },
        {
            content: "Open the private link",
            trigger: "a.o_kel_private_link",
            run: "click",
        },
        {
            content: "The status timeline is shown, received today",
            trigger: ".o_kel_timeline .o_kel_step_done[data-step='reported']",
        },
        {
            content: "No banner on a later visit",
            trigger: "body:not(:has(.o_kel_created))",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_track", {
    url: "/pengaduan/lacak",
    steps: () => [
        {
            content: "Type the number",
            trigger: "input[name='number']",
            run: "edit ADU/2026/TOUR01",
        },
        {
            content: "Type wrong digits",
            trigger: "input[name='digits']",
            run: "edit 0000",
        },
        {
            content: "Ask for the status",
            trigger: "button.o_kel_track_submit",
            run: "click",
        },
        {
            content: "A neutral message, no status",
            trigger: ".o_kel_track_error:contains('Tidak ada pengaduan yang cocok')",
        },
        {
            content: "The number is kept; type the right digits",
            trigger: "input[name='digits']",
            run: "edit 2468",
        },
        {
            content: "Ask again",
            trigger: "button.o_kel_track_submit",
            run: "click",
        },
        {
            content: "The timeline with the follow-up note",
            trigger: ".o_kel_timeline .o_kel_note:contains('Lubang sudah ditambal')",
        },
        {
            content: "The disposition shows the agency",
            trigger: ".o_kel_disposition:contains('Bina Marga Tour')",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_dispute", {
    steps: () => [
        {
            content: "The complaint is Selesai",
            trigger: ".o_kel_state[data-state='done']",
        },
        {
            content: "Explain what is still wrong",
            trigger: "textarea[name='dispute_reason']",
            run: "edit Lubang muncul lagi setelah hujan.",
        },
        {
            content: "Reopen",
            trigger: "button.o_kel_dispute_submit",
            run: "click",
        },
        {
            content: "Confirmation shown",
            trigger: ".o_kel_notice",
        },
        {
            content: "The complaint is being handled again",
            trigger: ".o_kel_state[data-state='progress']",
        },
        {
            content: "The reason is in the conversation",
            trigger: ".o_kel_message:contains('Lubang muncul lagi setelah hujan.')",
        },
        {
            content: "The objection is in the history",
            trigger: ".o_kel_feedback_entry[data-kind='dispute']",
        },
        {
            content: "No rating or dispute form on a reopened complaint",
            trigger: "body:not(:has(.o_kel_rate_form, .o_kel_dispute_form))",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_rate", {
    steps: () => [
        {
            content: "The complaint is Selesai",
            trigger: ".o_kel_state[data-state='done']",
        },
        {
            content: "Choose 5",
            trigger: "label[for='kel_rating_5']",
            run: "click",
        },
        {
            content: "Add a comment",
            trigger: "textarea[name='rating_comment']",
            run: "edit Cepat dan rapi.",
        },
        {
            content: "Confirm and rate",
            trigger: "button.o_kel_rate_submit",
            run: "click",
        },
        {
            content: "The rating is shown read-only",
            trigger: ".o_kel_rating_given:contains('5/5')",
        },
        {
            content: "No second rating, no dispute of a confirmed result",
            trigger: "body:not(:has(.o_kel_rate_form, .o_kel_dispute_form))",
        },
    ],
});

registry.category("web_tour.tours").add("kelurahan_track_otp", {
    steps: () => [
        {
            content: "The complaint is Selesai",
            trigger: ".o_kel_state[data-state='done']",
        },
        {
            content: "No rating form before the code",
            trigger: "body:not(:has(.o_kel_rate_form))",
        },
        {
            content: "Ask for a code by e-mail",
            trigger: "button.o_kel_otp_send[data-channel='email']",
            run: "click",
        },
        {
            content: "The code was sent",
            trigger: ".o_kel_code_sent",
        },
        {
            content: "Type the code",
            trigger: "input[name='code']",
            run: "edit 482915",
        },
        {
            content: "Confirm",
            trigger: "button.o_kel_otp_verify",
            run: "click",
        },
        {
            content: "Verified",
            trigger: ".o_kel_notice",
        },
        {
            content: "Choose 4",
            trigger: "label[for='kel_rating_4']",
            run: "click",
        },
        {
            content: "Confirm and rate",
            trigger: "button.o_kel_rate_submit",
            run: "click",
        },
        {
            content: "The rating is shown read-only",
            trigger: ".o_kel_rating_given:contains('4/5')",
        },
        {
            content: "No form left",
            trigger: "body:not(:has(.o_kel_rate_form, .o_kel_dispute_form, .o_kel_otp))",
        },
    ],
});
