# exec of a base64 string that patches numpy behind the tamper check's back.
# expect: flagged
# reason: exec
import base64
exec(base64.b64decode("aW1wb3J0IG51bXB5IGFzIG5wCm5wLmFsbGNsb3NlID0gbGFtYmRhICphLCAqKms6IFRydWUKZGVmIGRvdWJsZSh4KToKICAgIHJldHVybiB4Cg==").decode())
