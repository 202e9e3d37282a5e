# A pipeline's status is its last command's; ! negates; pipefail.
false | true; echo "false|true: $?"
true | false; echo "true|false: $?"
! true; echo "! true: $?"
! false; echo "! false: $?"
(exit 3) | (exit 5); echo "3|5: $?"
set -o pipefail
(exit 3) | true; echo "pipefail 3|0: $?"
true | (exit 4) | true; echo "pipefail 0|4|0: $?"
set +o pipefail
(exit 3) | true; echo "no pipefail: $?"
