package dev.porthole.platform.ssh;

import dev.porthole.api.ssh.Challenge;
import dev.porthole.api.ssh.SshException;
import io.micronaut.core.annotation.Nullable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;

/**
 * Keyboard-interactive for one hop's login. Password prompts are answered from the stored password; anything else
 * (a verification code, a Warpgate approval) becomes a {@link Challenge}: the login's SSH thread waits here, the
 * session held open, until a person answers or the challenge expires. Without a person to ask (the connection test)
 * the challenge is reported and the login given up. A password prompt goes to a person only for a host that stores no
 * password and logs in by keyboard-interactive or none; otherwise it fails the login.
 */
final class ChallengeInteraction implements UserInteraction {
    private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i).*\\bpass(word|phrase)?\\b[^:]*:\\s*");
    private static final Pattern TOTP_PROMPT =
            Pattern.compile("(?i).*(verification|one[- ]time|otp|totp|2fa|two[- ]factor|authenticator|token|code).*");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");
    private static final Pattern SECURITY_KEY = Pattern.compile("(?i)security key\\W*([A-Za-z0-9][A-Za-z0-9_-]*)");
    /** A wrong stored password must not loop: a server asks again after a wrong one. */
    private static final int MAX_PASSWORD_ANSWERS = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Login login;
    private final Challenges challenges;
    private final long hostId;
    private final @Nullable String password;
    private final Duration challengeTimeout;
    private final Duration warpgateTimeout;
    private final Clock clock;
    private final boolean personPresent;
    private final boolean askForPassword;
    private int passwordAnswers;

    ChallengeInteraction(
            Login login,
            Challenges challenges,
            long hostId,
            @Nullable String password,
            Duration challengeTimeout,
            Duration warpgateTimeout,
            Clock clock,
            boolean personPresent,
            boolean askForPassword) {
        this.login = login;
        this.challenges = challenges;
        this.hostId = hostId;
        this.password = password;
        this.challengeTimeout = challengeTimeout;
        this.warpgateTimeout = warpgateTimeout;
        this.clock = clock;
        this.personPresent = personPresent;
        this.askForPassword = askForPassword;
    }

    @Override
    public String[] interactive(
            ClientSession session, String name, String instruction, String lang, String[] prompts, boolean[] echo) {
        if (prompts.length == 0) {
            return new String[0];
        }
        // password prompts are answered from the stored password; only the rest needs a person
        boolean[] fromPassword = new boolean[prompts.length];
        List<Integer> forPerson = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            boolean passwordPrompt = PASSWORD_PROMPT.matcher(prompts[i]).matches();
            if (passwordPrompt && password == null && !askForPassword) {
                // a host meant to log in with a key or a stored password does not ask a person for one
                return null;
            }
            if (passwordPrompt && password != null && passwordAnswers >= MAX_PASSWORD_ANSWERS) {
                // asked again after the stored password: it is wrong, and the login fails
                return null;
            }
            fromPassword[i] = passwordPrompt && password != null;
            if (!fromPassword[i]) {
                forPerson.add(i);
            }
        }
        String[] answers = new String[prompts.length];
        for (int i = 0; i < prompts.length; i++) {
            if (fromPassword[i]) {
                answers[i] = password;
            }
        }
        if (forPerson.size() < prompts.length) {
            passwordAnswers++;
        }
        if (forPerson.isEmpty()) {
            return answers;
        }
        Challenge challenge = challenge(name, instruction, prompts, echo, forPerson);
        if (!personPresent) {
            // the login ends here: its outcome is the challenge, settled before MINA reports the refused round, so
            // a waiter never sees that AUTH_FAILED instead
            login.fail(SshException.challengeRequired(challenge));
            return null;
        }
        Challenges.Pending pending = challenges.tryOpen(challenge, login).orElse(null);
        if (pending == null) {
            login.fail(new SshException(
                    SshException.Code.AUTH_FAILED,
                    "too many logins are waiting for an answer (" + Challenges.MAX_WAITING + "); try again shortly"));
            return null;
        }
        login.raise(challenge);
        Duration wait = Duration.between(clock.instant(), challenge.expiresAt());
        try {
            List<String> given = pending.answers().get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            for (int i = 0; i < forPerson.size(); i++) {
                answers[forPerson.get(i)] = given.get(i);
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            // expired: giving up the kb-interactive round fails the login, which closes the session
            return null;
        } finally {
            challenges.drop(challenge.id());
        }
    }

    @Override
    public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
        // a server that demands a new password needs a person at a terminal; refuse, the login fails
        return null;
    }

    private Challenge challenge(
            String name, String instruction, String[] prompts, boolean[] echo, List<Integer> forPerson) {
        String text = String.join("\n", name == null ? "" : name, instruction == null ? "" : instruction) + "\n"
                + String.join("\n", prompts);
        Matcher url = URL.matcher(text);
        Matcher key = SECURITY_KEY.matcher(text);
        boolean warpgate = url.find() && key.find();
        Challenge.Kind kind = warpgate
                ? Challenge.Kind.WARPGATE
                : forPerson.stream()
                                .allMatch(i -> TOTP_PROMPT.matcher(prompts[i]).matches())
                        ? Challenge.Kind.TOTP
                        : Challenge.Kind.PROMPT;
        List<Challenge.Prompt> list = new ArrayList<>();
        for (int i : forPerson) {
            list.add(new Challenge.Prompt(prompts[i], echo != null && i < echo.length && echo[i]));
        }
        Duration ttl = warpgate ? warpgateTimeout : challengeTimeout;
        return new Challenge(
                newId(),
                kind,
                hostId,
                list,
                instruction == null ? "" : instruction,
                warpgate ? Optional.of(url.group()) : Optional.empty(),
                warpgate ? Optional.of(key.group(1)) : Optional.empty(),
                clock.instant().plus(ttl));
    }

    private static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
