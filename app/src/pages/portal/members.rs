//! The portal's Users page, for the tenant's admins: the licence ("3 of 5 users"), the members
//! with their role and state, and the open invitations; every action is a plain form post, so the
//! page works without JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::members::{
    members_overview, ChangeMember, InvitationView, InviteMember, MemberView, MembersView,
    ResendInvitation, RevokeInvitation, SetMemberRole,
};
use crate::components::confirm::ConfirmSubmit;
use crate::components::edits::Edits;
use crate::components::error_box::ErrorBox;
use crate::components::loaded::Loaded;
use crate::components::pager::{asked_page, Pager};
use crate::components::table_box::{rows_or, TableBox};
use crate::domain::members::MemberState;
use crate::domain::Role;
use crate::i18n::{t, t_args};

/// The actions of the page, shared by its rows.
#[derive(Clone, Copy)]
struct Actions {
    invite: ServerAction<InviteMember>,
    resend: ServerAction<ResendInvitation>,
    revoke: ServerAction<RevokeInvitation>,
    role: ServerAction<SetMemberRole>,
    change: ServerAction<ChangeMember>,
}

/// The members of this instance and its invitations.
#[component]
pub fn MembersPage() -> impl IntoView {
    let edits = Edits::new();
    let actions = Actions {
        invite: edits.action::<InviteMember, _>(),
        resend: edits.action::<ResendInvitation, _>(),
        revoke: edits.action::<RevokeInvitation, _>(),
        role: edits.action::<SetMemberRole, _>(),
        change: edits.action::<ChangeMember, _>(),
    };
    let error = edits.error();
    let asked = asked_page();
    let page = Resource::new(
        move || edits.version(),
        move |_| members_overview(Some(asked)),
    );
    view! {
        <Title text=t("members-title") />
        <section class="card wide">
            <h1>{t("members-heading")}</h1>
            <ErrorBox message=error />
            <Loaded resource=page show=move |v| members_view(v, actions) />
        </section>
    }
}

fn members_view(v: MembersView, a: Actions) -> impl IntoView {
    let full = v.seats.free() == 0;
    let (page, pages) = (v.page, v.pages);
    let me = v.me;
    view! {
        <p data-field="seats">{t_args("members-seats", &[
            ("taken", v.seats.taken().to_string()),
            ("licensed", v.seats.licensed.to_string()),
            ("active", v.seats.active.to_string()),
            ("invited", v.seats.invited.to_string()),
        ])}</p>
        {full.then(|| view! {
            <p class="notice" role="status" data-field="full">{t("members-full")} " "
                <a class="button" href=v.add_users_url.clone()>{t("members-add-users")}</a>
            </p>
        })}
        <h2>{t("members-invite-heading")}</h2>
        <ActionForm action=a.invite attr:class="form invite">
            <label>{t("members-email")} <input type="email" name="email" required maxlength="254" autocomplete="off" /></label>
            <span class="field">
                <label for="invite-role">{t("members-role")}</label>
                {role_select(Role::TenantUser)}
            </span>
            <button type="submit" class="primary" disabled=full>{t("members-invite")}</button>
        </ActionForm>
        <h2>{t("members-list-heading")}</h2>
        {rows_or(v.members, t("members-none"), move |members| view! {
            <TableBox label=t("members-list-heading")>
                <table class="table members">
                    <thead><tr>
                        <th>{t("members-name")}</th><th>{t("members-email")}</th><th>{t("members-role")}</th>
                        <th>{t("members-state")}</th><th>{t("members-instance")}</th><th>{t("members-actions")}</th>
                    </tr></thead>
                    <tbody>{members.into_iter().map(|m| member_row(m, me, a)).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
        <Pager path="/portal/members" page=page pages=pages />
        <h2>{t("members-invitations-heading")}</h2>
        {rows_or(v.invitations, t("members-no-invitations"), move |invitations| view! {
            <TableBox label=t("members-invitations-heading")>
                <table class="table invitations">
                    <thead><tr>
                        <th>{t("members-email")}</th><th>{t("members-role")}</th><th>{t("members-sent")}</th>
                        <th>{t("members-expires")}</th><th>{t("members-actions")}</th>
                    </tr></thead>
                    <tbody>{invitations.into_iter().map(|i| invitation_row(i, a)).collect_view()}</tbody>
                </table>
            </TableBox>
        })}
    }
}

/// The invitation's role chooser (`#invite-role`), with `chosen` selected.
fn role_select(chosen: Role) -> impl IntoView {
    view! {
        <select name="role" id="invite-role">
            {Role::MEMBER.into_iter().map(|r| view! {
                <option value=r.as_str() selected=r == chosen>{t(&format!("role-{}", r.as_str()))}</option>
            }).collect_view()}
        </select>
    }
}

fn member_row(m: MemberView, me: i64, a: Actions) -> impl IntoView {
    let id = m.id.to_string();
    let (id_role, id_state, id_remove) = (id.clone(), id.clone(), id.clone());
    let field = format!("role-{id}");
    let role_label = t_args("members-role-of", &[("name", m.full_name.clone())]);
    let question = t_args("members-remove-question", &[("name", m.full_name.clone())]);
    let state_change = match m.state {
        MemberState::Active => ("deactivate", t("members-deactivate")),
        _ => ("reactivate", t("members-reactivate")),
    };
    let you = (m.id == me).then(|| view! { " " <span class="muted">{t("members-you")}</span> });
    view! {
        <tr data-member=m.email.clone()>
            <td>{m.full_name.clone()}{you}</td>
            <td>{m.email.clone()}</td>
            <td>
                <ActionForm action=a.role attr:class="form row-form">
                    <input type="hidden" name="id" value=id_role />
                    <label class="visually-hidden" for=field.clone()>{role_label}</label>
                    <select name="role" id=field>
                        {Role::MEMBER.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=r == m.role>{t(&format!("role-{}", r.as_str()))}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit">{t("members-set-role")}</button>
                </ActionForm>
            </td>
            <td><span class=format!("badge {}", m.state.as_str()) data-field="state">{t(&format!("member-state-{}", m.state.as_str()))}</span></td>
            <td>{if m.in_instance { t("members-yes") } else { t("members-no") }}</td>
            <td class="actions">
                <ActionForm action=a.change attr:class="form row-form">
                    <input type="hidden" name="id" value=id_state />
                    <input type="hidden" name="change" value=state_change.0 />
                    <button type="submit">{state_change.1}</button>
                </ActionForm>
                <ActionForm action=a.change attr:class="form row-form">
                    <input type="hidden" name="id" value=id_remove />
                    <input type="hidden" name="change" value="remove" />
                    <ConfirmSubmit
                        label=t("members-remove")
                        question=question
                        confirm=t("members-remove-confirm")
                    />
                </ActionForm>
            </td>
        </tr>
    }
}

fn invitation_row(i: InvitationView, a: Actions) -> impl IntoView {
    let (id, id_revoke) = (i.id.to_string(), i.id.to_string());
    view! {
        <tr data-invitation=i.email.clone()>
            <td>{i.email.clone()}</td>
            <td>{t(&format!("role-{}", i.role.as_str()))}</td>
            <td>{i.sent.clone()}</td>
            <td>{i.expires.clone()}{i.expired.then(|| view! { " " <span class="badge suspended">{t("members-expired")}</span> })}</td>
            <td class="actions">
                <ActionForm action=a.resend attr:class="form row-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit">{t("members-resend")}</button>
                </ActionForm>
                <ActionForm action=a.revoke attr:class="form row-form">
                    <input type="hidden" name="id" value=id_revoke />
                    <button type="submit">{t("members-revoke")}</button>
                </ActionForm>
            </td>
        </tr>
    }
}
