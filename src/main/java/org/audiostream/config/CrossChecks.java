package org.audiostream.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rules that relate two settings, or a setting and the call, and the AI mode's required secrets. */
public final class CrossChecks {

    /** Codec rate assumed when no call is at hand (G.711, the codecs we terminate). */
    public static final int DEFAULT_CODEC_RATE = 8000;

    private CrossChecks() {}

    /**
     * The LPF cutoff must stay below Nyquist at the rate the DSP runs (the call's codec rate): an
     * offending value is replaced by the default if that fits, else 95 % of Nyquist, with one WARN.
     */
    static void clampLpfCutoff(Map<Setting, EffectiveConfig.Resolved> values, int codecRate, List<ConfigProblem> problems) {
        EffectiveConfig.Resolved r = values.get(AiSettings.LPF_CUTOFF_HZ);
        double cutoff = (Double) r.value();
        double nyquist = codecRate / 2.0;
        if (cutoff < nyquist) {
            return;
        }
        double fallback = (Double) AiSettings.LPF_CUTOFF_HZ.defaultValue();
        double replacement = fallback < nyquist ? fallback : Math.floor(nyquist * 0.95);
        problems.add(ConfigProblem.warning(AiSettings.LPF_CUTOFF_HZ.name(), String.format(
                "%s=%s must be below Nyquist (%s Hz at %d Hz); using %s (%s)",
                AiSettings.LPF_CUTOFF_HZ.name(), num(cutoff), num(nyquist), codecRate, num(replacement), r.origin())));
        values.put(AiSettings.LPF_CUTOFF_HZ, new EffectiveConfig.Resolved(replacement, r.source(), r.origin()));
    }

    /** Contradictions in the service settings (fatal) and settings that leave the gateway open (warnings). */
    static void checkService(Map<Setting, EffectiveConfig.Resolved> values, List<ConfigProblem> problems) {
        PortRange ports = (PortRange) values.get(ServiceSettings.RTP_PORTS).value();
        int first = ports.first() % 2 == 0 ? ports.first() : ports.first() + 1;
        int pairs = (ports.last() - first + 1) / 2;
        if (pairs < 2) {
            problems.add(ConfigProblem.error(ServiceSettings.RTP_PORTS.name(), String.format(
                    "%s=%s gives %d port pair%s; need at least 2", ServiceSettings.RTP_PORTS.name(), ports, pairs,
                    pairs == 1 ? "" : "s")));
        }
        int jitterMin = (Integer) values.get(ServiceSettings.RTP_JITTER_MIN_MS).value();
        int jitterStart = (Integer) values.get(ServiceSettings.RTP_JITTER_START_MS).value();
        int jitterMax = (Integer) values.get(ServiceSettings.RTP_JITTER_MAX_MS).value();
        if (jitterMin > jitterStart || jitterStart > jitterMax) {
            problems.add(ConfigProblem.error(ServiceSettings.RTP_JITTER_START_MS.name(), String.format(
                    "%s=%d, %s=%d, %s=%d: need min <= start <= max", ServiceSettings.RTP_JITTER_MIN_MS.name(), jitterMin,
                    ServiceSettings.RTP_JITTER_START_MS.name(), jitterStart, ServiceSettings.RTP_JITTER_MAX_MS.name(),
                    jitterMax)));
        }
        HostPort http = (HostPort) values.get(ServiceSettings.HTTP_BIND).value();
        if (!http.isLoopback() && values.get(ServiceSettings.HTTP_TOKEN).value() == null) {
            problems.add(ConfigProblem.error(ServiceSettings.HTTP_TOKEN.name(), String.format(
                    "%s=%s is not loopback, so %s is required (the admin API must not be open on the network)",
                    ServiceSettings.HTTP_BIND.name(), http, ServiceSettings.HTTP_TOKEN.name())));
        }
        if (values.get(StreamSettings.EXTRA_HEADERS).value() != null
                && ((TargetAllowList) values.get(StreamSettings.EXTRA_HEADERS_TARGETS).value()).isEmpty()) {
            problems.add(ConfigProblem.warning(StreamSettings.EXTRA_HEADERS_TARGETS.name(), String.format(
                    "%s is set but %s is not: the headers are sent to no target (list the targets they are meant for)",
                    StreamSettings.EXTRA_HEADERS.name(), StreamSettings.EXTRA_HEADERS_TARGETS.name())));
        }
        if (((TargetAllowList) values.get(StreamSettings.ALLOWED_TARGETS).value()).allowsEverything()) {
            problems.add(ConfigProblem.warning(StreamSettings.ALLOWED_TARGETS.name(), String.format(
                    "%s=* lets every start stream call audio to any host; list your apps instead",
                    StreamSettings.ALLOWED_TARGETS.name())));
        }
    }

    /** What AI mode needs before a call may start it (seed §7.2): the API keys of the providers in use. */
    public static List<ConfigProblem> requireAiSecrets(EffectiveConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        require(config, AiSettings.OPENAI_API_KEY, "AI mode", problems);
        String provider = config.text(AiSettings.TTS_PROVIDER);
        if (provider.equals("elevenlabs")) {
            require(config, AiSettings.ELEVENLABS_API_KEY, "AI mode with TTS provider elevenlabs", problems);
        } else if (!provider.equals("realtime") && config.text(AiSettings.TTS_FALLBACK).contains("elevenlabs")) {
            require(config, AiSettings.ELEVENLABS_API_KEY, "AI mode with elevenlabs in " + AiSettings.TTS_FALLBACK.name(),
                    problems);
        }
        return problems;
    }

    private static void require(EffectiveConfig config, Setting secret, String what, List<ConfigProblem> problems) {
        if (config.value(secret).isEmpty()) {
            String aliases = secret.aliases().isEmpty() ? "" : " (or " + secret.aliases().get(0).name() + ")";
            problems.add(ConfigProblem.error(secret.name(), what + " requires " + secret.name() + aliases + ", which is not set"));
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
