# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

INTERNAL_RULE = "helpdesk_mgmt.helpdesk_ticket_rule_internal_user"
# helpdesk_mgmt's own domain of that rule (security/helpdesk_security.xml).
HELPDESK_INTERNAL_DOMAIN = (
    "['|', ('partner_id', '=', user.partner_id.id), "
    "('message_partner_ids', '=', user.partner_id.id)]"
)

PORTAL_RULE = "helpdesk_mgmt.helpdesk_ticket_rule_portal"
HELPDESK_PORTAL_DOMAIN = (
    "['|', ('partner_id', 'child_of', [user.commercial_partner_id.id]), "
    "('message_partner_ids', 'child_of', [user.commercial_partner_id.id])]"
)

COMPANY_RULE = "helpdesk_mgmt.helpdesk_ticket_comp_rule"
HELPDESK_COMPANY_DOMAIN = "[('company_id', 'in', company_ids + [False])]"


def uninstall_hook(env):
    """Give helpdesk_mgmt its "Internal Tickets", "Portal Personal Tickets" and
    company rules back: this addon rewrote them (security/helpdesk_ticket_security.xml)
    with fields helpdesk_mgmt alone also has, but the rewrites are ours to undo."""
    for xmlid, domain in (
        (INTERNAL_RULE, HELPDESK_INTERNAL_DOMAIN),
        (PORTAL_RULE, HELPDESK_PORTAL_DOMAIN),
        (COMPANY_RULE, HELPDESK_COMPANY_DOMAIN),
    ):
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
