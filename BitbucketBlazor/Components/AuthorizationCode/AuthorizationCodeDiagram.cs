using BitbucketBlazor.Components.Shared;

namespace BitbucketBlazor.Components.AuthorizationCode;

/// <summary>The authorization code walkthrough's steps, in order.</summary>
public enum AuthorizationCodeStep
{
    /// <summary>The authorize URL, parameter by parameter.</summary>
    AuthorizeUrl,

    /// <summary>The consent page.</summary>
    Consent,

    /// <summary>The redirect back with code and state.</summary>
    Callback,

    /// <summary>The code exchanged for a token.</summary>
    Token,

    /// <summary>An API call as the user.</summary>
    Api,

    /// <summary>The refresh grant.</summary>
    Refresh,
}

/// <summary>The diagram messages each authorization code walkthrough step highlights.</summary>
public static class AuthorizationCodeDiagram
{
    /// <summary>Gets the diagram's messages: the shared authorization code messages, plus the refresh.</summary>
    public static IReadOnlyList<FlowMessage> Messages { get; } =
    [
        .. Flows.AuthorizationCodeMessages,
        new("client", "auth", "POST access_token (Basic, grant_type=refresh_token&refresh_token)", 5),
        new("auth", "client", "200 { new access_token, refresh_token }", 5, IsResponse: true),
    ];

    /// <summary>Gets the diagram step that a walkthrough step highlights.</summary>
    public static int DiagramStepOf(int stepIndex) => (AuthorizationCodeStep)stepIndex switch
    {
        AuthorizationCodeStep.AuthorizeUrl or AuthorizationCodeStep.Consent => 1,
        AuthorizationCodeStep.Callback => 2,
        AuthorizationCodeStep.Token => 3,
        AuthorizationCodeStep.Api => 4,
        AuthorizationCodeStep.Refresh => 5,
        _ => -1,
    };
}
