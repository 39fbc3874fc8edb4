#!/usr/bin/env python3
"""Independent implementation of both Alibaba Cloud signatures, used to write the expected
files of every case in this folder from its input.json (standard library only: hmac, hashlib,
base64, urllib.parse).

Run from this folder:  python3 independent.py
It writes canonical.txt, string-to-sign.txt, signature.txt and url.txt for each case, and fails
if a case's documented signature (or canonical-request hash) is not reproduced.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
from urllib.parse import quote

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def pe(text):
    # RFC 3986: only A-Z a-z 0-9 - _ . ~ unescaped; quote() uses uppercase hex and UTF-8.
    return quote(text, safe="~")


def canonical_query(params):
    return "&".join(f"{pe(k)}={pe(v)}" for k, v in sorted(params.items()))


def rpc(case):
    params = dict(case["params"])
    if not case.get("common_params_included"):
        creds = case["credentials"]
        params.update({
            "Action": case["action"], "Version": case["version"],
            "Format": case.get("format", "JSON"), "AccessKeyId": creds["access_key_id"],
            "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
            "SignatureNonce": case["nonce"], "Timestamp": case["timestamp"],
        })
        if creds.get("security_token"):
            params["SecurityToken"] = creds["security_token"]
    canonical = canonical_query(params)
    sts = f"{case['method']}&{pe('/')}&{pe(canonical)}"
    key = (case["credentials"]["access_key_secret"] + "&").encode()
    sig = base64.b64encode(hmac.new(key, sts.encode(), hashlib.sha1).digest()).decode()
    url = f"{case['scheme']}://{case['host']}/?{canonical}&Signature={pe(sig)}"
    return canonical, sts, sig, url, None


def acs3(case):
    creds = case["credentials"]
    headers = {
        "host": case["host"], "x-acs-action": case["action"], "x-acs-version": case["version"],
        "x-acs-date": case["timestamp"], "x-acs-signature-nonce": case["nonce"],
        "x-acs-content-sha256": EMPTY_SHA256,
    }
    if creds.get("security_token"):
        headers["x-acs-security-token"] = creds["security_token"]
    names = sorted(headers)
    canonical_headers = "".join(f"{n}:{headers[n].strip()}\n" for n in names)
    signed = ";".join(names)
    query = canonical_query(case["params"])
    canonical = "\n".join([case["method"], "/", query, canonical_headers, signed, EMPTY_SHA256])
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    sts = "ACS3-HMAC-SHA256\n" + digest
    sig = hmac.new(creds["access_key_secret"].encode(), sts.encode(), hashlib.sha256).hexdigest()
    url = f"{case['scheme']}://{case['host']}/?{query}"
    return canonical, sts, sig, url, digest


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    failed = False
    for name in sorted(os.listdir(here)):
        path = os.path.join(here, name, "input.json")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        fn = rpc if case["algorithm"] == "HMAC-SHA1" else acs3
        canonical, sts, sig, url, digest = fn(case)
        want = case.get("documented_signature")
        if want and want != sig:
            print(f"{name}: signature {sig} != documented {want}", file=sys.stderr)
            failed = True
        want_hash = case.get("documented_canonical_request_hash")
        if want_hash and want_hash != digest:
            print(f"{name}: canonical hash {digest} != documented {want_hash}", file=sys.stderr)
            failed = True
        for file, text in [("canonical.txt", canonical), ("string-to-sign.txt", sts),
                           ("signature.txt", sig), ("url.txt", url)]:
            with open(os.path.join(here, name, file), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        print(f"{name}: {sig}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
