"""The dashboard's login form (Flask-WTF: the CSRF field is `csrf_token`)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):  # type: ignore[misc]  # flask_wtf ships no type information
    """Username and password of an official."""

    username = StringField(
        "Tên đăng nhập",
        validators=[
            DataRequired(message="Vui lòng nhập tên đăng nhập."),
            Length(max=80, message="Tên đăng nhập quá dài."),
        ],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        "Mật khẩu",
        validators=[DataRequired(message="Vui lòng nhập mật khẩu."), Length(max=200, message="Mật khẩu quá dài.")],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField("Đăng nhập")
