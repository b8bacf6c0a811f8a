using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components;
using BitbucketBlazor.Endpoints;
using BitbucketBlazor.Hosting;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;

var builder = WebApplication.CreateBuilder(args);
if (!builder.Configuration.HasValidBitbucketSettings(Console.Error))
{
    return 1;
}

builder.AddSecretSafeLogging();
builder.AddBitbucketClients();
builder.Services.AddOAuthFlows();
builder.Services.AddBitbucketSandbox();
builder.Services.AddSandboxForClients();
builder.Services.AddUserInterface();
builder.Services.AddAppHealthChecks();

var app = builder.Build();

app.UseAppHosting();
app.UseBrowserStepRecording();
app.MapBitbucketSandbox();
app.MapSampleEndpoints();
app.MapUserInterface();

app.Run();
return 0;
