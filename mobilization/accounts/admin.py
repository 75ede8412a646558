"""Staff manage accounts here: roles (groups), staff status, profiles; consents are read-only.

Accounts are never deleted from the admin: that would remove people's public contributions with them.
The "Delete personal data" action anonymises them instead, as account deletion by the person does.
"""

from allauth.account.decorators import secure_admin_login
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mobilization.accounts import services
from mobilization.accounts.models import ConsentRecord, Profile, User
from mobilization.core import roles

# Signing in through the admin's own form would skip allauth's second factor: send it to allauth.
admin.site.login = secure_admin_login(admin.site.login)


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The groups, shown with the platform's role labels."""

    def label_from_instance(self, obj):
        return roles.role_label(obj.name)


class EmailUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class EmailUserChangeForm(UserChangeForm):
    groups = RoleChoiceField(
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Roles"),
        help_text=_("Every change is written to the audit log. Staff roles must use two-factor sign-in."),
    )

    class Meta:
        model = User
        fields = "__all__"

    # Set by `UserAdmin.get_form`: the staff member using the form.
    requested_by = None

    def clean(self):
        """Refuse to give what the staff member does not hold themselves (see `services.check_may_grant`)."""
        cleaned = super().clean()
        user = self.instance
        is_new = user.pk is None
        before_groups = set() if is_new else set(user.groups.values_list("pk", flat=True))
        before_permissions = set() if is_new else set(user.user_permissions.values_list("pk", flat=True))
        stored = User.objects.filter(pk=user.pk).values("is_staff", "is_superuser").first() or {}
        try:
            services.check_may_grant(
                user,
                by=self.requested_by,
                groups=[g for g in cleaned.get("groups") or () if g.pk not in before_groups],
                permissions=[
                    p for p in cleaned.get("user_permissions") or () if p.pk not in before_permissions
                ],
                is_staff=bool(cleaned.get("is_staff")) and not stored.get("is_staff", False),
                is_superuser=bool(cleaned.get("is_superuser")) and not stored.get("is_superuser", False),
            )
        except services.PrivilegeNotHeld as error:
            raise forms.ValidationError(error.message, code="privilege_not_held") from error
        return cleaned


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    extra = 0
    fields = ("display_name", "bio", "home_district", "themes", "skills", "other_skills", "languages")
    # Staff may correct what is public (a display name, a bio); the rest is the volunteer's to change.
    readonly_fields = ("home_district", "themes", "skills", "other_skills", "languages")


class ConsentRecordInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    fields = ("purpose", "wording_version", "given_at", "withdrawn_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ("-date_joined",)
    list_display = ("email", "display_name", "role_list", "is_staff", "is_active", "date_joined")
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "profile__display_name")
    readonly_fields = ("last_login", "date_joined", "deleted_at")
    inlines = (ProfileInline, ConsentRecordInline)
    actions = ("delete_personal_data",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Roles"), {"fields": ("groups",)}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        (
            _("Name (unused on public pages)"),
            {"classes": ("collapse",), "fields": ("first_name", "last_name")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined", "deleted_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),
    )
    filter_horizontal = ("user_permissions",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.requested_by = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        """Superuser status is a superuser's to give; nobody but a superuser changes their own access."""
        frozen = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            frozen.append("is_superuser")
            if obj is not None and obj.pk == request.user.pk:
                frozen += ["is_staff", "groups", "user_permissions"]
        return frozen

    def has_change_permission(self, request, obj=None):
        """A superuser's account is changed by superusers only: its address or password would open it."""
        if obj is not None and not services.may_change_account(obj, by=request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile").prefetch_related("groups")

    @admin.display(description=_("display name"), ordering="profile__display_name")
    def display_name(self, user):
        return services.public_name(user)

    @admin.display(description=_("roles"))
    def role_list(self, user):
        return ", ".join(sorted(roles.role_label(group.name) for group in user.groups.all()))

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("accounts.change_user"):
            actions.pop("delete_personal_data", None)
        return actions

    @admin.action(description=_("Delete personal data (keeps contributions as “Former member”)"))
    def delete_personal_data(self, request, queryset):
        count = 0
        for user in queryset.filter(deleted_at__isnull=True):
            if user.pk == request.user.pk:
                continue
            services.delete_account(user, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "The personal data of %(count)d account was deleted.",
                "The personal data of %(count)d accounts was deleted.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for flag in ("is_staff", "is_superuser", "is_active"):
            if change and flag in form.changed_data:
                services.record_access_change(obj, flag, getattr(obj, flag), by=request.user)

    def save_related(self, request, form, formsets, change):
        """Record in the audit log the roles given and taken away (no signal: the diff is made here)."""
        user = form.instance
        before = set(user.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(user.groups.values_list("name", flat=True))
        services.record_role_changes(user, before, after, by=request.user)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    """Consent records are evidence: nobody edits or deletes them."""

    list_display = ("user", "purpose", "wording_version", "given_at", "withdrawn_at")
    list_filter = ("purpose", "wording_version")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    readonly_fields = ("user", "purpose", "wording_version", "wording", "given_at", "withdrawn_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
