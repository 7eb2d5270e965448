package io.switchboard.plugin.redaction;

/** The Luhn (mod 10) check of ISO/IEC 7812, used by payment card numbers. */
public final class Luhn {

    private Luhn() {
    }

    /**
     * @param digits ASCII digits only
     * @return whether the number passes the Luhn check (an empty string does not)
     */
    public static boolean isValid(CharSequence digits) {
        int n = digits.length();
        if (n == 0) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = n - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /**
     * The check digit that makes {@code payload + digit} pass the check.
     *
     * @param payload ASCII digits
     * @return the check digit, 0 to 9
     */
    public static int checkDigit(CharSequence payload) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("payload must be ASCII digits");
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
