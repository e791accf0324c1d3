"""A province's own agencies (SPEC §5, §9): `import-agencies` loads the tree with addresses, phones and hours, which
the contact flow then gives; bad rows are named by line and the good ones kept; a parent cycle is refused. Agencies
that pushed or imported dossiers name are registered, so that `users create --agency` accepts them."""

from __future__ import annotations

import base64
from pathlib import Path

from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.records.models import Agency, Subscription
from bot.runtime import Runtime
from bot.web import imports
from tests import payloads as p
from tests.conftest import Chat, add_dossier
from tests.officials import PASSWORD, add_rating, create_user
from tests.payloads import spec_body

PROVINCE, DISTRICT, COMMUNE = "000.00.00.H59", "000.00.25.H59", "000.31.25.H59"
HEADER = "code,name,parent_code,address,phone,hours"
TREE = [
    # children before their parents: the order of the file does not matter
    f'{COMMUNE},UBND xã Tân An,{DISTRICT},"Ấp Tân An, xã Tân An, huyện Càng Long",0294 3882 101,"sáng 7g00–11g00, '
    'thứ Hai đến thứ Bảy"',
    f"{DISTRICT},UBND huyện Càng Long,{PROVINCE},Khóm 3 thị trấn Càng Long,0294 3882 100,",
    f"{PROVINCE},UBND tỉnh Trà Vinh,,Số 1 Lê Lợi Phường 1 TP Trà Vinh,0294 3855 555,",
]


def write(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "agencies.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run(app: Flask, path: Path) -> Result:
    return app.test_cli_runner().invoke(args=["import-agencies", str(path)])


def agency(rt: Runtime, code: str) -> Agency | None:
    with rt.db.session() as s:
        return s.get(Agency, code)


def test_a_tree_with_contacts_is_imported_and_scopes_officials(
    app: Flask, rt: Runtime, client: FlaskClient, tmp_path: Path
) -> None:
    result = run(app, write(tmp_path, *TREE))
    assert result.exit_code == 0, result.output
    assert "3 created, 0 updated, 0 rejected" in result.output
    tan_an = agency(rt, COMMUNE)
    assert tan_an is not None and tan_an.parent_code == DISTRICT and tan_an.hotline == "0294 3882 101"
    assert tan_an.address == "Ấp Tân An, xã Tân An, huyện Càng Long" and tan_an.hours.startswith("sáng 7g00")
    create_user(app, "canlong", "official", DISTRICT)  # an imported agency is known to `users create`
    add_rating(rt, "satisfied", "2026-11-03T09:00:00+07:00", agency=COMMUNE)
    token = base64.b64encode(f"canlong:{PASSWORD}".encode()).decode()
    report = client.get("/api/v1/reports/satisfaction?from=2026-11-01&to=2026-11-30",
                        headers={"Authorization": f"Basic {token}"}).get_json()
    assert report["total"] == 1 and report["groups"][0]["key"] == COMMUNE  # the district sees its commune


def test_reimport_updates_and_keeps_the_columns_a_file_lacks(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    assert run(app, write(tmp_path, *TREE)).exit_code == 0
    renamed = write(tmp_path, f"{COMMUNE},UBND xã Tân An (mới),{DISTRICT}", header="code,name,parent_code",
                    name="renamed.csv")
    result = run(app, renamed)
    assert "0 created, 1 updated, 0 rejected" in result.output
    tan_an = agency(rt, COMMUNE)
    assert tan_an is not None and tan_an.name == "UBND xã Tân An (mới)" and tan_an.hotline == "0294 3882 101"


def test_bad_rows_are_named_by_line_and_the_good_ones_kept(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"{PROVINCE},UBND tỉnh Trà Vinh,,,,",  # 2: good
        ",Không mã,,,,",  # 3
        "000 00 01,Mã có dấu cách,,,,",  # 4
        f"{DISTRICT},,{PROVINCE},,,",  # 5
        "000.00.26.H59,UBND huyện Cầu Kè,000.00.99.H59,,,",  # 6: unknown parent
        "000.40.26.H59,UBND xã Hòa Ân,000.00.26.H59,,,",  # 7: its parent was refused
        f"000.00.27.H59,UBND huyện Tiểu Cần,{PROVINCE},,gọi cho tôi,",  # 8
        f"{PROVINCE},UBND tỉnh (lặp),,,,",  # 9
        f"000.00.28.H59,UBND huyện Châu Thành,{PROVINCE},{'x' * 301},,",  # 10
        f"000.00.29.H59,Thiếu cột,{PROVINCE}",  # 11
        "",
        f"000.00.20.H59,UBND thành phố Trà Vinh,{PROVINCE},,0294 3862 111,",  # 13: good
    )
    result = run(app, path)
    assert result.exit_code == 1
    assert "2 created, 0 updated, 9 rejected" in result.stdout
    assert result.stderr.splitlines() == [
        imports.AGENCY_IMPORT_NO_CODE.format(line=3),
        imports.AGENCY_IMPORT_BAD_CODE.format(line=4, code="000 00 01"),
        imports.AGENCY_IMPORT_NO_NAME.format(line=5),
        imports.AGENCY_IMPORT_UNKNOWN_PARENT.format(line=6, parent="000.00.99.H59"),
        imports.AGENCY_IMPORT_UNKNOWN_PARENT.format(line=7, parent="000.00.26.H59"),
        imports.AGENCY_IMPORT_BAD_PHONE.format(line=8, phone="gọi cho tôi"),
        imports.AGENCY_IMPORT_DUPLICATE.format(line=9, code=PROVINCE, first=2),
        imports.IMPORT_TOO_LONG.format(line=10, column="address", limit=300),
        imports.IMPORT_COLUMNS.format(line=11, got=3, want=6),
    ]
    with rt.db.session() as s:
        assert sorted(s.scalars(select(Agency.code))) == ["000.00.00.H59", "000.00.20.H59"]


def test_a_file_without_the_key_columns_or_not_utf8(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    result = run(app, write(tmp_path, f"{PROVINCE},UBND tỉnh Trà Vinh", header="code,name"))
    assert result.exit_code == 1 and "dòng 1: thiếu cột parent_code" in result.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code,name,parent_code\n000.00.00.H59,UBND tỉnh Trà Vinh,\n".encode("cp1258", "replace"))
    result = run(app, latin)
    assert result.exit_code == 1 and "dòng 2: không phải văn bản UTF-8" in result.output
    assert agency(rt, PROVINCE) is None


def test_a_parent_cycle_is_refused(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    assert run(app, write(tmp_path, *TREE)).exit_code == 0
    path = write(
        tmp_path,
        "000.00.90.H59,Đơn vị A,000.00.91.H59,,,",  # 2: A -> B -> A
        "000.00.91.H59,Đơn vị B,000.00.90.H59,,,",  # 3
        "000.00.92.H59,Đơn vị C,000.00.92.H59,,,",  # 4: its own parent
        f"{DISTRICT},UBND huyện Càng Long,{COMMUNE},,,",  # 5: under its own commune
        f"000.00.93.H59,Đơn vị D,{PROVINCE},,,",  # 6: good
        name="cycle.csv",
    )
    result = run(app, path)
    assert result.exit_code == 1 and "1 created, 0 updated, 4 rejected" in result.stdout
    assert result.stderr.splitlines() == [
        imports.AGENCY_IMPORT_CYCLE.format(line=2, chain="000.00.90.H59 → 000.00.91.H59 → 000.00.90.H59"),
        imports.AGENCY_IMPORT_CYCLE.format(line=3, chain="000.00.91.H59 → 000.00.90.H59 → 000.00.91.H59"),
        imports.AGENCY_IMPORT_CYCLE.format(line=4, chain="000.00.92.H59 → 000.00.92.H59"),
        imports.AGENCY_IMPORT_CYCLE.format(line=5, chain=f"{DISTRICT} → {COMMUNE} → {DISTRICT}"),
    ]
    district = agency(rt, DISTRICT)
    assert district is not None and district.parent_code == PROVINCE  # unchanged
    assert agency(rt, "000.00.90.H59") is None and agency(rt, "000.00.93.H59") is not None


def test_the_contact_flow_gives_the_imported_address_phone_and_hours(
    app: Flask, rt: Runtime, chat: Chat, tmp_path: Path
) -> None:
    assert run(app, write(tmp_path, *TREE)).exit_code == 0
    (province,) = chat.send("cho xin số điện thoại")  # follows nothing yet: the province's one-stop centre
    assert "UBND tỉnh Trà Vinh" in province and "0294 3855 555" in province
    assert "Giờ làm việc: sáng 7g00–11g30, chiều 13g30–17g00, thứ Hai đến thứ Sáu." in province  # the usual hours
    code = "000.31.25.H59-261102-0001"
    add_dossier(rt, code)
    with rt.db.session() as s:
        s.add(Subscription(platform=chat.platform, user_id=chat.user_id, dossier_code=code))
    (commune,) = chat.send("dia chi o dau")
    assert "UBND xã Tân An" in commune and "Ấp Tân An, xã Tân An, huyện Càng Long" in commune
    assert "0294 3882 101" in commune and "Giờ làm việc: sáng 7g00–11g00, thứ Hai đến thứ Bảy." in commune


def test_an_agency_named_by_a_push_is_registered(app: Flask, rt: Runtime, client: FlaskClient, chat: Chat,
                                               tmp_path: Path) -> None:
    assert run(app, write(tmp_path, TREE[2])).exit_code == 0  # only the province
    new = "000.45.25.H59"
    body = spec_body(agency_code=new, agency_name="UBND xã Nhị Long")
    auth = {"Authorization": f"Bearer {p.PUSH_TOKEN}"}
    assert client.put(f"/api/v1/dossiers/{new}-261102-0001", json=body, headers=auth).status_code == 201
    assert client.put(f"/api/v1/dossiers/{new}-261102-0002", json=body, headers=auth).status_code == 201
    registered = agency(rt, new)
    assert registered is not None and (registered.name, registered.parent_code) == ("UBND xã Nhị Long", None)
    create_user(app, "nhilong", "official", new)
    (contact,) = chat.send("cho xin số điện thoại")  # a registered agency has no details: the province answers
    assert "0294 3855 555" in contact
    # import-agencies later places it under its district
    later = write(tmp_path, TREE[1], f"{new},UBND xã Nhị Long,{DISTRICT},,0294 3882 145,", name="later.csv")
    assert "1 created, 1 updated, 0 rejected" in run(app, later).output
    placed = agency(rt, new)
    assert placed is not None and placed.parent_code == DISTRICT and placed.hotline == "0294 3882 145"


def test_an_agency_named_by_an_imported_dossier_is_registered(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "dossiers.csv"
    path.write_text(
        "code,procedure_name,agency_code,agency_name,status\n"
        "000.46.25.H59-261102-0001,Đăng ký khai sinh,000.46.25.H59,UBND xã Đại Phúc,4\n"
        "000.46.25.H59-261102-0002,Đăng ký khai sinh,000.46.25.H59,UBND xã Đại Phúc,4\n"
        "000.47.25.H59-261102-0001,Đăng ký kết hôn,000.47.25.H59,UBND xã Đại Phước,2\n",
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["import-dossiers", str(path)])
    assert result.exit_code == 0 and "3 created" in result.output
    assert [a.name for a in (agency(rt, "000.46.25.H59"), agency(rt, "000.47.25.H59")) if a] == [
        "UBND xã Đại Phúc", "UBND xã Đại Phước"
    ]
    create_user(app, "daiphuc", "official", "000.46.25.H59")
